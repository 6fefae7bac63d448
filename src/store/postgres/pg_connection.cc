#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "store/postgres/pg_url.h"

namespace tars::store::postgres {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void ignoreNotice(void* /*arg*/, const char* /*message*/) {}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// bytea in the text result format is "\x" + hex (bytea_output = hex, the default since 9.0).
std::string decodeByteaHex(const char* s, std::size_t n) {
  if (n < 2 || s[0] != '\\' || s[1] != 'x')
    return std::string(s, n);
  std::string out;
  out.reserve((n - 2) / 2);
  for (std::size_t i = 2; i + 1 < n; i += 2) {
    int hi = hexValue(s[i]), lo = hexValue(s[i + 1]);
    if (hi < 0 || lo < 0)
      break;
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

StatusCode sqlStateToCode(const char* state) {
  if (state == nullptr)
    return StatusCode::kUnavailable;  // no server answer: the connection failed
  std::string_view s(state);
  if (s == "23505")
    return StatusCode::kAlreadyExists;  // unique_violation
  if (s == "23503")
    return StatusCode::kFailedPrecondition;  // foreign_key_violation
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "57P01" || s == "57P02" ||
      s == "57P03" || s.substr(0, 2) == "08" || s.substr(0, 2) == "53")
    return StatusCode::kUnavailable;  // serialization, deadlock, lock, shutdown, connection,
                                      // insufficient resources
  if (s == "57014")
    return StatusCode::kDeadlineExceeded;  // query_canceled (statement_timeout)
  return StatusCode::kInternal;
}

}  // namespace

StatusOr<std::unique_ptr<PgConnection>> PgConnection::Create(const PgConnectParams& params) {
  // Order matters with expand_dbname: the URL (expanded from `dbname`) overrides the keywords
  // before it, so a connect_timeout in the URL wins over ours.
  const std::string timeout = std::to_string(params.connect_timeout_seconds);
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                            nullptr};
  const char* values[] = {timeout.c_str(), "tars", "UTF8", params.url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr)
    return unavailable("postgres: out of memory while connecting");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
      msg.pop_back();
    return unavailable("postgres: cannot connect: " + scrubSecret(std::move(msg), params.password));
  }
  PQsetNoticeProcessor(conn, ignoreNotice, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn, params.password));
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

bool PgConnection::broken() const {
  return given_up_ || PQstatus(conn_) != CONNECTION_OK;
}

bool PgConnection::idle() const {
  return PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool PgConnection::inFailedTransaction() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

Status PgConnection::resultStatus(PGresult* res) const {
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
    return Status::ok();
  if (res == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
      msg.pop_back();
    return unavailable("postgres: connection lost: " + scrubSecret(std::move(msg), password_));
  }
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  // The primary message only: DETAIL may quote row values.
  std::string msg = "postgres: ";
  msg += primary ? primary : "error";
  if (state)
    msg += std::string(" (SQLSTATE ") + state + ")";
  return Status(sqlStateToCode(state), scrubSecret(std::move(msg), password_));
}

StatusOr<PGresult*> PgConnection::execParams(std::string_view sql, const sql::Params& params) {
  TARS_RETURN_IF_ERROR(sql::checkTextParams(params));
  const std::size_t n = params.size();
  std::vector<Oid> types(n, 0);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 0);
  std::vector<std::string> integers(n);
  for (std::size_t i = 0; i < n; ++i) {
    const sql::Value& v = params[i];
    if (const auto* x = std::get_if<std::int64_t>(&v)) {
      integers[i] = std::to_string(*x);
      types[i] = kInt8Oid;
      values[i] = integers[i].c_str();
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      types[i] = kTextOid;
      values[i] = s->c_str();
    } else if (const auto* b = std::get_if<sql::Blob>(&v)) {
      types[i] = kByteaOid;
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;  // binary: the bytes as they are
    }
  }
  std::string text(sql);
  PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(n), types.data(),
                               values.data(), lengths.data(), formats.data(), /*resultFormat=*/0);
  Status status = resultStatus(res);
  if (!status.isOk()) {
    PQclear(res);
    return status;
  }
  return res;
}

StatusOr<sql::Rows> PgConnection::query(std::string_view sql, const sql::Params& params) {
  TARS_ASSIGN_OR_RETURN(PGresult * raw, execParams(sql, params));
  ResultPtr res(raw);
  sql::Rows rows;
  const int nrows = PQntuples(raw);
  const int ncols = PQnfields(raw);
  rows.reserve(static_cast<std::size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    std::vector<sql::Value> values;
    values.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(raw, r, c)) {
        values.emplace_back(std::monostate{});
        continue;
      }
      const char* data = PQgetvalue(raw, r, c);
      const auto len = static_cast<std::size_t>(PQgetlength(raw, r, c));
      switch (PQftype(raw, c)) {
        case kInt8Oid:
        case kInt4Oid:
        case kInt2Oid: {
          std::int64_t x = 0;
          std::from_chars(data, data + len, x);
          values.emplace_back(x);
          break;
        }
        case kBoolOid:
          values.emplace_back(static_cast<std::int64_t>(len > 0 && data[0] == 't'));
          break;
        case kByteaOid:
          values.emplace_back(sql::Blob{decodeByteaHex(data, len)});
          break;
        default:
          values.emplace_back(std::string(data, len));
      }
    }
    rows.emplace_back(std::move(values));
  }
  return rows;
}

StatusOr<std::int64_t> PgConnection::exec(std::string_view sql, const sql::Params& params) {
  TARS_ASSIGN_OR_RETURN(PGresult * raw, execParams(sql, params));
  ResultPtr res(raw);
  const char* tuples = PQcmdTuples(raw);
  std::int64_t n = 0;
  if (tuples != nullptr)
    std::from_chars(tuples, tuples + std::strlen(tuples), n);
  return n;
}

Status PgConnection::execScript(std::string_view sql) {
  std::string text(sql);
  ResultPtr res(PQexec(conn_, text.c_str()));
  return resultStatus(res.get());
}

Status PgConnection::pingUntil(std::chrono::steady_clock::time_point deadline) {
  auto giveUp = [this](const char* why) {
    // A cancel request is best effort; the connection is discarded either way.
    if (PGcancel* cancel = PQgetCancel(conn_)) {
      char buf[256];
      PQcancel(cancel, buf, sizeof buf);
      PQfreeCancel(cancel);
    }
    given_up_ = true;
    return Status(StatusCode::kDeadlineExceeded, why);
  };
  if (PQsendQueryParams(conn_, "SELECT 1", 0, nullptr, nullptr, nullptr, nullptr, 0) == 0)
    return unavailable("postgres: connection lost");
  const int fd = PQsocket(conn_);
  while (true) {
    int flush = PQflush(conn_);
    if (flush < 0)
      return unavailable("postgres: connection lost");
    if (!PQisBusy(conn_) && flush == 0)
      break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return giveUp("store did not answer within the readiness timeout");
    pollfd p{fd, static_cast<short>(POLLIN | (flush == 1 ? POLLOUT : 0)), 0};
    int rc = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (rc < 0 && errno != EINTR)
      return unavailable("postgres: poll failed");
    if (rc > 0 && PQconsumeInput(conn_) == 0)
      return unavailable("postgres: connection lost");
  }
  Status status;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr res(raw);
    if (status.isOk())
      status = resultStatus(raw);
  }
  return status;
}

}  // namespace tars::store::postgres

#include "http/server/session.h"

#include <array>
#include <ctime>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/filter/problem.h"
#include "http/server/http_date.h"
#include "http/server/response_writer.h"
#include "tls/context_provider.h"
#include "tls/peer_identity.h"

namespace tars::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

Session::Session(net::ip::tcp::socket&& socket, ServerCore& core, const Router& router,
                 const FilterChain& chain, const tls::TlsContextProvider* tls)
    : stream_(std::move(socket)), tls_(tls), core_(core), router_(router), chain_(chain) {
  beast::error_code ec;
  auto ep = stream_.lowest().socket().remote_endpoint(ec);
  if (!ec)
    remote_address_ = ep.address().to_string();
}

Session::~Session() {
  core_.remove(this);
}

void Session::start() {
  core_.add(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->core_.draining.load()) {
      self->close();
      return;
    }
    if (self->tls_ != nullptr)
      self->doHandshake();
    else
      self->doReadFirstBytes();
  });
}

void Session::doHandshake() {
  stream_.enableTls(tls_->current());
  state_ = State::kReadingHead;  // a stalled handshake is a slow head: same deadline
  stream_.lowest().expires_after(core_.options.header_read_timeout);
  stream_.tls().async_handshake(
      net::ssl::stream_base::server,
      beast::bind_front_handler(&Session::onHandshake, shared_from_this()));
}

void Session::onHandshake(beast::error_code ec) {
  if (ec) {
    auto reason = tls::verifyFailureReason(stream_.tls().native_handle());
    core_.logger.info("tls handshake failed",
                      {{"peer", remote_address_}, {"reason", reason ? *reason : ec.message()}});
    close();
    return;
  }
  auto peer = tls::verifiedPeerIdentity(stream_.tls().native_handle(), tls_->sanPolicy());
  if (!peer.isOk()) {  // cannot happen with our verify modes; never serve an unverified peer
    core_.logger.warn("tls peer refused",
                      {{"peer", remote_address_}, {"reason", peer.status().message()}});
    close();
    return;
  }
  tls_peer_ = std::make_shared<const tls::PeerIdentity>(std::move(peer).value());
  doReadFirstBytes();
}

void Session::drain() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    // A connection waiting for its next request has nothing in flight: close it now.
    if (self->state_ == State::kIdle)
      self->close();
  });
}

void Session::doReadFirstBytes() {
  if (draining_) {
    close();
    return;
  }
  if (buffer_.size() > 0) {  // a pipelined request is already buffered
    doReadHead();
    return;
  }
  state_ = State::kIdle;
  stream_.lowest().expires_after(core_.options.idle_timeout);
  stream_.async_read_some(
      buffer_.prepare(4096),
      beast::bind_front_handler(&Session::onReadFirstBytes, shared_from_this()));
}

void Session::onReadFirstBytes(beast::error_code ec, std::size_t n) {
  if (ec) {  // idle timeout, peer closed, or drain closed the socket
    close();
    return;
  }
  buffer_.commit(n);
  doReadHead();
}

void Session::doReadHead() {
  state_ = State::kReadingHead;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_.options.max_header_bytes));
  // No limit while reading the head: the route's limit is applied once the route is known
  // (handleHead), before any body byte is read.
  parser_->body_limit(boost::none);
  stream_.lowest().expires_after(core_.options.header_read_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::onReadHead, shared_from_this()));
}

void Session::onReadHead(beast::error_code ec, std::size_t) {
  if (ec == bhttp::error::header_limit) {
    respondToBadHead(431, "request-header-too-large",
                     "request line and headers exceed " +
                         std::to_string(core_.options.max_header_bytes) + " bytes");
    return;
  }
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted || ec == net::error::connection_reset ||
      ec == net::error::eof) {
    close();  // slowloris or a peer that went away: nothing to answer
    return;
  }
  if (ec) {
    respondToBadHead(400, "bad-request", "malformed HTTP request: " + ec.message());
    return;
  }
  handleHead();
}

void Session::handleHead() {
  state_ = State::kBusy;
  const auto& msg = parser_->get();
  raw_.message = &msg;
  auto method_text = msg.method_string();
  auto target = msg.target();
  request_.emplace(&raw_, parseMethod({method_text.data(), method_text.size()}),
                   std::string_view(method_text.data(), method_text.size()),
                   std::string_view(target.data(), target.size()));
  ctx_ = RequestContext{};
  ctx_.start = core_.clock.monotonicNow();
  ctx_.remote_address = remote_address_;
  ctx_.tls = stream_.isTls();
  ctx_.tls_peer = tls_peer_;
  filters_ran_ = 0;

  auto match = router_.match(request_->method(), request_->path());
  if (match.kind == RouteMatch::Kind::kFound) {
    ctx_.route = match.route;
    request_->setPathParams(std::move(match.params));
  }
  if (auto early = chain_.onRequestHeaders(*request_, ctx_, &filters_ran_)) {
    finish(std::move(*early), !parser_->is_done());
    return;
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    auto r = problemResponse(405, "method-not-allowed",
                             "method " + std::string(request_->methodText()) +
                                 " is not allowed on " + std::string(request_->path()),
                             request_->path(), ctx_.request_id);
    r.setHeader("Allow", match.allow);
    finish(std::move(r), !parser_->is_done());
    return;
  }
  if (match.kind == RouteMatch::Kind::kNotFound) {
    finish(problemResponse(404, "not-found", "no resource at " + std::string(request_->path()),
                           request_->path(), ctx_.request_id),
           !parser_->is_done());
    return;
  }
  if (parser_->is_done()) {
    invokeHandler();
    return;
  }
  // Refuse an oversized declared body without reading it.
  auto limit = ctx_.route->body_limit;
  if (auto len = parser_->content_length(); len && *len > limit) {
    finish(problemResponse(413, "payload-too-large",
                           "request body exceeds " + std::to_string(limit) + " bytes",
                           request_->path(), ctx_.request_id),
           true);
    return;
  }
  parser_->body_limit(limit);
  doReadBody();
}

void Session::doReadBody() {
  auto expect = parser_->get()[bhttp::field::expect];
  if (beast::iequals(expect, "100-continue")) {
    // The client waits for permission before sending the body; grant it (the head passed).
    auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
    stream_.lowest().expires_after(core_.options.write_timeout);
    bhttp::async_write(
        stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, std::size_t) {
          if (ec) {
            self->close();
            return;
          }
          self->stream_.lowest().expires_after(self->core_.options.body_read_timeout);
          bhttp::async_read(self->stream_, self->buffer_, *self->parser_,
                            beast::bind_front_handler(&Session::onReadBody, self));
        });
    return;
  }
  stream_.lowest().expires_after(core_.options.body_read_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::onReadBody, shared_from_this()));
}

void Session::onReadBody(beast::error_code ec, std::size_t n) {
  if (ec == bhttp::error::body_limit) {
    finish(
        problemResponse(413, "payload-too-large",
                        "request body exceeds " + std::to_string(ctx_.route->body_limit) + " bytes",
                        request_->path(), ctx_.request_id),
        true);
    return;
  }
  if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
      ec == bhttp::error::partial_message || ec == net::error::operation_aborted ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    // The response can no longer be delivered meaningfully; the filters still see an outcome.
    Response r = problemResponse(400, "bad-request", "request body incomplete", request_->path(),
                                 ctx_.request_id);
    chain_.onResponse(*request_, ctx_, r, filters_ran_);
    close();
    return;
  }
  if (ec) {
    finish(problemResponse(400, "bad-request", "malformed request body: " + ec.message(),
                           request_->path(), ctx_.request_id),
           true);
    return;
  }
  ctx_.bytes_in = n;
  invokeHandler();
}

namespace {

HandlerResult runHandler(const RouteSpec& route, const Request& request, RequestContext& ctx,
                         Logger& logger) {
  try {
    return route.handler(request, ctx);
  } catch (const std::exception& e) {
    logger.error("handler threw",
                 {{"request_id", ctx.request_id}, {"route", route.path}, {"error", e.what()}});
  } catch (...) {
    logger.error("handler threw", {{"request_id", ctx.request_id}, {"route", route.path}});
  }
  return internalError("handler threw");
}

}  // namespace

void Session::invokeHandler() {
  if (ctx_.route->execution == Execution::kInline) {
    onHandlerDone(runHandler(*ctx_.route, *request_, ctx_, core_.logger));
    return;
  }
  // Blocking work goes to the pool; the session resumes on its strand with the result. A full
  // queue answers at once (tars.md §3.1: 503 with Retry-After) rather than letting waits grow.
  if (core_.workers_queued.fetch_add(1, std::memory_order_acq_rel) >=
      core_.options.worker_queue_limit) {
    core_.workers_queued.fetch_sub(1, std::memory_order_acq_rel);
    auto busy = problemResponse(503, "service-unavailable", "Server busy; retry shortly",
                                request_->path(), ctx_.request_id);
    busy.setHeader("Retry-After", "1");
    finish(std::move(busy), false);
    return;
  }
  net::post(core_.workers, [self = shared_from_this()] {
    self->core_.workers_queued.fetch_sub(1, std::memory_order_acq_rel);
    auto result = runHandler(*self->ctx_.route, *self->request_, self->ctx_, self->core_.logger);
    net::post(self->stream_.get_executor(), [self, result = std::move(result)]() mutable {
      self->onHandlerDone(std::move(result));
    });
  });
}

void Session::onHandlerDone(HandlerResult result) {
  if (result.isOk()) {
    finish(std::move(result).value(), false);
    return;
  }
  const Status& st = result.status();
  if (st.code() == StatusCode::kInternal) {
    core_.logger.error(
        "internal error",
        {{"request_id", ctx_.request_id}, {"route", ctx_.route->path}, {"error", st.message()}});
  }
  finish(problemResponse(problemFromStatus(st), request_->path(), ctx_.request_id), false);
}

void Session::respondToBadHead(int status, std::string_view slug, std::string detail) {
  state_ = State::kBusy;
  // No usable request: the filters see an empty one (no headers, method "-").
  raw_.message = nullptr;
  request_.emplace(nullptr, Method::kOther, "-", "-");
  ctx_ = RequestContext{};
  ctx_.start = core_.clock.monotonicNow();
  ctx_.remote_address = remote_address_;
  ctx_.tls = stream_.isTls();
  ctx_.tls_peer = tls_peer_;
  filters_ran_ = 0;
  Response r;
  if (auto early = chain_.onRequestHeaders(*request_, ctx_, &filters_ran_)) {
    r = std::move(*early);
  } else {
    r = problemResponse(status, slug, std::move(detail), "", ctx_.request_id);
  }
  finish(std::move(r), true);
}

void Session::finish(Response response, bool close_after) {
  response.headers.reserve(response.headers.size() + 8);  // the filters add about that many
  chain_.onResponse(*request_, ctx_, response, filters_ran_);
  const BeastRequest* req = raw_.message;
  bool keep_alive =
      !close_after && !draining_ && req != nullptr && req->keep_alive() && !core_.draining.load();
  WireOptions wire;
  wire.keep_alive = keep_alive;
  wire.http10_keep_alive = keep_alive && req->version() == 10;
  wire.head_request = request_->method() == Method::kHead;
  head_out_.clear();
  appendResponseHead(response, httpDateNow(), wire, head_out_);
  body_out_ = std::move(response.body);
  if (wire.head_request || !statusHasBody(response.status))
    body_out_.clear();
  std::array<net::const_buffer, 2> buffers{net::buffer(head_out_), net::buffer(body_out_)};
  stream_.lowest().expires_after(core_.options.write_timeout);
  net::async_write(stream_, buffers,
                   beast::bind_front_handler(&Session::onWrite, shared_from_this(), !keep_alive));
}

void Session::onWrite(bool close_conn, beast::error_code ec, std::size_t) {
  request_.reset();
  raw_.message = nullptr;
  if (ec || close_conn) {
    close();
    return;
  }
  parser_.reset();
  doReadFirstBytes();
}

void Session::close() {
  if (state_ == State::kClosed)
    return;
  state_ = State::kClosed;
  beast::error_code ec;
  stream_.lowest().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.lowest().socket().close(ec);
}

}  // namespace tars::http

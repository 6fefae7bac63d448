#include "harness/scripted_peer.h"

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <mutex>
#include <thread>
#include <vector>

namespace tars::test {

using tcp = boost::asio::ip::tcp;

struct ScriptedPeer::Impl {
  explicit Impl(std::string r)
      : reply(std::move(r)), acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}) {}

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec)
        return;
      auto held = std::make_shared<tcp::socket>(std::move(socket));
      auto buf = std::make_shared<boost::asio::streambuf>();
      boost::asio::async_read_until(
          *held, *buf, "\r\n\r\n", [this, held, buf](boost::system::error_code rec, std::size_t) {
            if (rec)
              return;
            {
              std::lock_guard lock(mu);
              last_request.assign(boost::asio::buffers_begin(buf->data()),
                                  boost::asio::buffers_end(buf->data()));
            }
            if (reply.empty()) {
              silent.push_back(held);  // held open until the peer ends
              return;
            }
            boost::asio::async_write(*held, boost::asio::buffer(reply),
                                     [held](boost::system::error_code, std::size_t) {});
          });
      accept();
    });
  }

  const std::string reply;
  boost::asio::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::shared_ptr<tcp::socket>> silent;  // I/O thread only
  mutable std::mutex mu;
  std::string last_request;  // GUARDED_BY(mu)
  std::thread thread;
};

ScriptedPeer::ScriptedPeer(std::string reply) : impl_(std::make_unique<Impl>(std::move(reply))) {
  impl_->accept();
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
}

ScriptedPeer::~ScriptedPeer() {
  boost::asio::post(impl_->ioc, [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->ioc.stop();
  impl_->thread.join();
}

std::uint16_t ScriptedPeer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

std::string ScriptedPeer::lastRequest() const {
  std::lock_guard lock(impl_->mu);
  return impl_->last_request;
}

}  // namespace tars::test

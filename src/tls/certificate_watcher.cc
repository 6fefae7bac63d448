#include "tls/certificate_watcher.h"

namespace tars::tls {

std::unique_ptr<FileWatcher> watchCertificateFiles(TlsContextProvider& provider,
                                                   std::chrono::milliseconds interval) {
  auto watcher = std::make_unique<FileWatcher>(provider.watchedFiles(), [&provider] {
    // The provider logs the outcome; a refused reload keeps serving the old certificate.
    (void)provider.reload();
  });
  watcher->start(interval);
  return watcher;
}

}  // namespace tars::tls

#pragma once
// FnDeleter<Fn>: a unique_ptr deleter that calls a C library's free function, e.g.
// std::unique_ptr<EVP_PKEY, FnDeleter<EVP_PKEY_free>>. One definition for every module that owns
// C objects (crypto/, tls/).

namespace tars {

template <auto Fn>
struct FnDeleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};

}  // namespace tars

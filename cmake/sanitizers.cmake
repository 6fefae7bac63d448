# ASan + UBSan for the whole build (the `asan` preset); UBSan findings abort so the suite fails.
if(TARS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer
                      # GCC's own manual: sanitizers make -Wmaybe-uninitialized report false
                      # positives (seen in libstdc++'s std::function); it stays on in the other
                      # presets.
                      -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=address,undefined)
endif()

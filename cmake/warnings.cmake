# Warning flags for our own targets only (third-party headers come in as SYSTEM includes).
function(tars_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wnon-virtual-dtor -Wimplicit-fallthrough)
  if(TARS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

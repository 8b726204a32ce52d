# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# Warnings for the project's own targets only (never for Qt, QCustomPlot or Eigen headers, which
# are found as system includes).
function(gradlab_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        # GCC 12 reports std::string appends inlined at -O3 as overlapping memcpy: a known false
        # positive (GCC bug 105651), fixed in GCC 13.
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(GRADLAB_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

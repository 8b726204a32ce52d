# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# Warnings for the project's own targets only (never for Qt, QCustomPlot or Eigen headers, which
# are found as system includes).
function(gradlab_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(GRADLAB_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

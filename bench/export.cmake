# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# Animation export: a 150-step race as GIF, against its play time. Needs the application library.
if(TARGET gradlab_app)
    add_executable(bench_export ${CMAKE_CURRENT_LIST_DIR}/bench_export.cpp)
    target_link_libraries(bench_export PRIVATE gradlab_app)
    gradlab_set_warnings(bench_export)
endif()

# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The contour view: animation step, probe move and function change, each as a ratio to a bare
# QCustomPlot replot of one 513² colour map measured in the same run. Needs the widgets.
if(TARGET gradlab_widgets)
    add_executable(bench_views ${CMAKE_CURRENT_LIST_DIR}/bench_views.cpp)
    target_link_libraries(bench_views PRIVATE gradlab_widgets)
    gradlab_set_warnings(bench_views)
endif()
# The Backprop lab's graph: build, evaluate and lay out (Graphviz) a 200-node expression.
if(TARGET gradlab_widgets)
    add_executable(bench_graph ${CMAKE_CURRENT_LIST_DIR}/bench_graph.cpp)
    target_link_libraries(bench_graph PRIVATE gradlab_widgets)
    gradlab_set_warnings(bench_graph)
endif()

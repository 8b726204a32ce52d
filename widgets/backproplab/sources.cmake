# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The Backprop lab: the computation graph of f laid out by Graphviz's dot, drawn with Qt.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc)
target_link_libraries(gradlab_widgets PRIVATE PkgConfig::GVC)
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/backproplab.cpp
    ${CMAKE_CURRENT_LIST_DIR}/backproplab.h
    ${CMAKE_CURRENT_LIST_DIR}/backproplabexplanation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphcanvas.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphcanvas.h
    ${CMAKE_CURRENT_LIST_DIR}/graphcanvaspainting.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphcanvasparts.h
    ${CMAKE_CURRENT_LIST_DIR}/graphlayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphlayout.h
    ${CMAKE_CURRENT_LIST_DIR}/graphwalk.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphwalk.h
)

# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The only place that knows Qt Data Visualization (deprecated upstream from Qt 6.10).
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/surfacepick.cpp
    ${CMAKE_CURRENT_LIST_DIR}/surfaceview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/surfaceviewmesh.cpp
    ${CMAKE_CURRENT_LIST_DIR}/surfaceviewoverlays.cpp
)
qt_add_resources(gradlab_widgets "surface_meshes"
    PREFIX "/gradlab"
    BASE ${CMAKE_CURRENT_LIST_DIR}
    FILES ${CMAKE_CURRENT_LIST_DIR}/meshes/sphere.obj ${CMAKE_CURRENT_LIST_DIR}/meshes/arrow.obj
)

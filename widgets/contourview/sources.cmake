# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/contourview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/contourviewheatmap.cpp
    ${CMAKE_CURRENT_LIST_DIR}/contourviewnavigation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/contourviewoverlays.cpp
    ${CMAKE_CURRENT_LIST_DIR}/contourviewparts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/criticalmarkers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/framecolormap.cpp
    ${CMAKE_CURRENT_LIST_DIR}/heatmapframe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/heatmapscale.cpp
    ${CMAKE_CURRENT_LIST_DIR}/optimizeroverlay.cpp
    ${CMAKE_CURRENT_LIST_DIR}/polyline.cpp
)

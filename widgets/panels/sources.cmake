# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The panels of the main window's docks: function, optimizer, race list, playback.
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/expressionedit.cpp
    ${CMAKE_CURRENT_LIST_DIR}/expressionedit.h
    ${CMAKE_CURRENT_LIST_DIR}/functionpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/functionpanel.h
    ${CMAKE_CURRENT_LIST_DIR}/navigationkeyfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/navigationkeyfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/numberedit.cpp
    ${CMAKE_CURRENT_LIST_DIR}/numberedit.h
    ${CMAKE_CURRENT_LIST_DIR}/optimizerpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/optimizerpanel.h
    ${CMAKE_CURRENT_LIST_DIR}/playbackbar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/playbackbar.h
    ${CMAKE_CURRENT_LIST_DIR}/racelist.cpp
    ${CMAKE_CURRENT_LIST_DIR}/racelist.h
)

# The icons of resources/gradlab.qrc (panels and the main window use them). An object library
# whose objects every executable linking gradlab_widgets links directly, so the resources register
# themselves at start-up without Q_INIT_RESOURCE.
add_library(gradlab_resources OBJECT ${PROJECT_SOURCE_DIR}/resources/gradlab.qrc)
set_target_properties(gradlab_resources PROPERTIES AUTORCC ON)
target_link_libraries(gradlab_resources PRIVATE Qt6::Core)
target_sources(gradlab_widgets INTERFACE $<TARGET_OBJECTS:gradlab_resources>)

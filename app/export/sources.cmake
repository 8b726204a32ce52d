# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# Lecture media: animation encoders (giflib, libwebp, the ffmpeg program), frames of the scene,
# SVG of the 2-D views and the window's export dialog.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GIFLIB REQUIRED IMPORTED_TARGET libgif)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebpmux libwebp)
target_link_libraries(gradlab_app PUBLIC PkgConfig::GIFLIB PkgConfig::WEBP)
target_sources(gradlab_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/animationencoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/animationencoder.h
    ${CMAKE_CURRENT_LIST_DIR}/encodeworker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/encodeworker.h
    ${CMAKE_CURRENT_LIST_DIR}/gifencoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/gifencoder.h
    ${CMAKE_CURRENT_LIST_DIR}/mp4encoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mp4encoder.h
    ${CMAKE_CURRENT_LIST_DIR}/webpencoder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/webpencoder.h
)
target_sources(gradlab_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/framerenderer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/framerenderer.h
)
target_sources(gradlab_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/animationexport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/animationexport.h
)
target_sources(gradlab_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/svgexport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/svgexport.h
)
target_sources(gradlab_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/animationdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/animationdialog.h
)

# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# Strips above the views that say something whole: why a run diverged, a scene to restore.
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/divergencebar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/divergencebar.h
    ${CMAKE_CURRENT_LIST_DIR}/messagebar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagebar.h
)

# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/colormap.cpp
)

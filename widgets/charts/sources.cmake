# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/racereportdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runcharts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runlabel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/steptablemodel.cpp
)

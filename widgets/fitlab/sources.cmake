# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The Fit lab: data and model beside the loss landscape over the model's two parameters.
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dataplot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dataplot.h
    ${CMAKE_CURRENT_LIST_DIR}/fitlab.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fitlab.h
    ${CMAKE_CURRENT_LIST_DIR}/fitsession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fitsession.h
    ${CMAKE_CURRENT_LIST_DIR}/fitstyle.h
    ${CMAKE_CURRENT_LIST_DIR}/landscapeplot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/landscapeplot.h
    ${CMAKE_CURRENT_LIST_DIR}/landscapesurface.cpp
    ${CMAKE_CURRENT_LIST_DIR}/landscapesurface.h
)

# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
# The Derivatives lab: the tutorial's five figures as live pages, plus the any-f(x) page.
target_sources(gradlab_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/curvemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/curvemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/curvepage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/curvepage.h
    ${CMAKE_CURRENT_LIST_DIR}/derivativeslab.cpp
    ${CMAKE_CURRENT_LIST_DIR}/derivativeslab.h
    ${CMAKE_CURRENT_LIST_DIR}/derivativetablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/derivativetablemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/differencetablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/differencetablemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/exponentialpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/exponentialpage.h
    ${CMAKE_CURRENT_LIST_DIR}/formulaeditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/formulaeditor.h
    ${CMAKE_CURRENT_LIST_DIR}/functionmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/functionmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/functionofx.cpp
    ${CMAKE_CURRENT_LIST_DIR}/functionofx.h
    ${CMAKE_CURRENT_LIST_DIR}/functionpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/functionpage.h
    ${CMAKE_CURRENT_LIST_DIR}/labpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/labpage.h
    ${CMAKE_CURRENT_LIST_DIR}/labplot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/labplot.h
    ${CMAKE_CURRENT_LIST_DIR}/labstyle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/labstyle.h
    ${CMAKE_CURRENT_LIST_DIR}/secantmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secantmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/secantpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secantpage.h
    ${CMAKE_CURRENT_LIST_DIR}/sigmoidmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sigmoidmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/sigmoidpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sigmoidpage.h
    ${CMAKE_CURRENT_LIST_DIR}/slopemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slopemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/slopepage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slopepage.h
    ${CMAKE_CURRENT_LIST_DIR}/tangentpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tangentpage.h
)

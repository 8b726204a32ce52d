# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
#
# gradlab_add_test(NAME <name> SOURCES <files...> LIBRARIES <targets...> [DISPLAY])
# One Qt Test executable, registered with CTest. Tests run with QT_QPA_PLATFORM=offscreen unless
# DISPLAY is given: those need a real X server with OpenGL (the test command runs ctest under
# xvfb-run) and carry the label "display".
function(gradlab_add_test)
    cmake_parse_arguments(ARG "DISPLAY" "NAME" "SOURCES;LIBRARIES" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    target_compile_definitions(${ARG_NAME} PRIVATE
        GRADLAB_REFERENCE_DIR="${GRADLAB_REFERENCE_DIR}"
        GRADLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        GRADLAB_BINARY_DIR="${PROJECT_BINARY_DIR}")
    gradlab_set_warnings(${ARG_NAME})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(ARG_DISPLAY)
        set_tests_properties(${ARG_NAME} PROPERTIES LABELS "display")
    else()
        set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
    endif()
endfunction()

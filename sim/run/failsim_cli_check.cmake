# Runs PROG with ARGS ("|"-separated) and checks its exit status (RC) and
# that its output, stdout and stderr together, matches the regular
# expression EXPECT. Used by the `failsim compare` command-line tests.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${PROG} ${args} RESULT_VARIABLE rc
	OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL RC)
	message(FATAL_ERROR "exit status ${rc}, want ${RC}\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
	message(FATAL_ERROR "output does not match '${EXPECT}':\n${out}${err}")
endif()

# Sources of core/predict, included by core/CMakeLists.txt. Only ranker*.cpp may include dlib headers.
set(PRESCIENT_PREDICT_SOURCES
)

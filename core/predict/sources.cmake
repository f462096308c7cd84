# Sources of core/predict, included by core/CMakeLists.txt. Only ranker*.cpp may include dlib headers (in all
# of core: predict/ranker.cpp and partition/cpe.cpp; keep dlib out of headers to keep the build fast).
set(PRESCIENT_PREDICT_SOURCES
    predict/pagecatalog.cpp
    predict/modelcodec.cpp
    predict/episodestats.cpp
    predict/model.cpp
    predict/baselines.cpp
    predict/markov.cpp
    predict/ranker.cpp
    predict/evaluate.cpp
    predict/service.cpp
)

// prescient_rendericon: renders the application icon (an SVG) into PNG files for the hicolor icon theme.
// A build-time tool of the installer, never installed.
//   prescient_rendericon SVG OUTDIR SIZE...   writes OUTDIR/<SIZE>x<SIZE>/prescient.png for each SIZE
// Exit 0 when every file was written, 1 otherwise (the error on stderr).
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: prescient_rendericon SVG OUTDIR SIZE...\n");
        return 1;
    }
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "prescient_rendericon: %s is not a valid SVG\n", argv[1]);
        return 1;
    }
    for (int i = 3; i < argc; ++i) {
        const int size = std::atoi(argv[i]);
        if (size <= 0 || size > 4096) {
            std::fprintf(stderr, "prescient_rendericon: bad size %s\n", argv[i]);
            return 1;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2").arg(QString::fromLocal8Bit(argv[2])).arg(size);
        const QString file = dir + "/prescient.png";
        if (!QDir().mkpath(dir) || !image.save(file, "PNG")) {
            std::fprintf(stderr, "prescient_rendericon: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}

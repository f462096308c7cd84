// TimelineWidget: the repository's snapshots on a zoomable, scrollable time axis (after SSMS's restore
// timeline). One lane per source (its file name at the left); each snapshot is a marker whose area grows
// with the database's logical size and whose filled slice is the share of new pages; full snapshots are
// diamonds, incremental ones circles. Stretches without a snapshot (a whole calendar day, or more than
// twice the source's median interval) are drawn as hatched "no snapshot" bands.
//
// Mouse: wheel zooms around the cursor, drag pans, double click on empty space fits everything, click on
// a marker selects it (snapshotClicked), double click on a marker activates it (snapshotActivated).
// Keys: +/- zoom, 0 fits, Left/Right pan. Hovering shows the snapshot's details.
// Thread safety: GUI thread only.
#pragma once

#include <QPoint>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <utility>
#include <vector>

#include "repo/catalog.h"

class QPainter;
class QScrollBar;

namespace prescient::ui {

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget* parent = nullptr);

    // Replaces the snapshots shown (any order). Fits the view to them unless the set of ids is unchanged.
    // The selection is kept when its snapshot is still there, else cleared.
    void setSnapshots(std::vector<repo::SnapshotInfo> snapshots);
    const std::vector<repo::SnapshotInfo>& snapshots() const { return m_snaps; }

    // Highlights the snapshot and scrolls it into view; "" or an unknown id clears the selection.
    // Does not emit snapshotClicked.
    void setSelectedId(const QString& id);
    QString selectedId() const { return m_selected; }

    // Where a marker's centre is drawn, in widget coordinates, for the current zoom and size (it may lie
    // outside the widget when zoomed in). A null QPoint when there is no snapshot with this id.
    QPoint markerCenter(const QString& id) const;
    // The stretches without a snapshot that are drawn as gaps, each (from, to) in microseconds since the
    // epoch: the times of the two snapshots (of one source) that bound it. Ordered by source, then time.
    std::vector<std::pair<qint64, qint64>> gaps() const;
    // The visible time range, milliseconds since the epoch.
    qint64 visibleStartMs() const;
    qint64 visibleEndMs() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void zoomToFit();
    // Zooms by factor (> 1 zooms in) keeping the time under widget x coordinate anchorX in place.
    void zoomBy(double factor, int anchorX);

signals:
    void snapshotClicked(const QString& id);
    void snapshotActivated(const QString& id);  // double click on a marker

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    struct Gap {
        int lane = 0;
        qint64 fromUs = 0, toUs = 0;
    };
    struct Colors;

    // Layout: the plot (lanes) rectangle, the axis strip below it, the label column left of both.
    QRect plotRect() const;
    QRect axisRect() const;
    void updateLabelWidth();  // after the lanes, the font or the width change
    int laneHeight() const;
    int laneCenterY(int lane) const;
    double xOfMs(double ms) const;
    double msOfX(double x) const;
    double markerRadius(const repo::SnapshotInfo& s) const;
    // The index in m_snaps of the marker under pos, or -1.
    int hitTest(const QPoint& pos) const;
    int gapAt(const QPoint& pos) const;
    int laneAt(const QPoint& pos) const;

    void recomputeGaps();
    void computeContentRange();
    void clampView();
    void syncScrollBar();
    void onScrollBar(int value);
    void ensureVisible(int index);

    void paintLanes(QPainter& p, const Colors& c);
    void paintAxis(QPainter& p, const Colors& c);
    void paintGaps(QPainter& p, const Colors& c);
    void paintMarkers(QPainter& p, const Colors& c);
    void paintLegend(QPainter& p, const Colors& c);
    static void drawMarker(QPainter& p, const Colors& c, QPointF center, double r, bool full, double share);

    std::vector<repo::SnapshotInfo> m_snaps;  // sorted by time
    std::vector<int> m_laneOf;                // lane of m_snaps[i]
    QStringList m_lanes;                      // source paths, one per lane
    std::vector<Gap> m_gaps;
    quint64 m_maxBytes = 1;
    QString m_selected;
    int m_labelWidth = 112;  // the lane label column, see updateLabelWidth()

    double m_contentLoMs = 0, m_contentHiMs = 0;  // what the scroll bar covers
    double m_viewStartMs = 0;                     // time at plotRect().left()
    double m_msPerPx = 1;
    bool m_autoFit = true;    // follow resizes with zoomToFit until the user zooms or pans
    double m_scrollUnit = 1;  // pixels per scroll bar step (> 1 only for very long ranges)

    QScrollBar* m_scroll = nullptr;
    QPoint m_pressPos;
    double m_pressViewStart = 0;
    bool m_pressed = false, m_dragging = false;
    int m_pressIndex = -1;
};

}  // namespace prescient::ui

// ConfidenceBarDelegate: the views' bar cells (a page's confidence, a strategy's coverage, a predicted
// partition change's probability). A model gives the share in [0, 1] as a double under kValueRole and the
// formatted text under DisplayRole; the delegate paints the share as a bar filling that part of the cell,
// with the text right-aligned over it. Cells without a double under kValueRole are painted as usual.
// Thread safety: GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace prescient::ui {

inline constexpr int kValueRole = Qt::UserRole + 10;

class ConfidenceBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace prescient::ui

#include "confidencebar.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace prescient::ui {

void ConfidenceBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    const QVariant value = index.data(kValueRole);
    if (value.typeId() != QMetaType::Double) return QStyledItemDelegate::paint(painter, option, index);
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double share = std::clamp(value.toDouble(), 0.0, 1.0);
    const QRect box = opt.rect.adjusted(3, 3, -3, -3);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    QColor bar = opt.palette.color(QPalette::Highlight);
    if (selected) bar = opt.palette.color(QPalette::HighlightedText);
    bar.setAlphaF(selected ? 0.35 : 0.45);
    const int width = static_cast<int>(std::lround(box.width() * share));
    if (width > 0) painter->fillRect(QRect(box.left(), box.top(), width, box.height()), bar);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    painter->drawText(box.adjusted(2, 0, -2, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize ConfidenceBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width() + 40, 90));
    return s;
}

}  // namespace prescient::ui

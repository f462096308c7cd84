#include "alertnotifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

#include "alertsettings.h"

namespace prescient::ui {

namespace {
constexpr int kMessageMs = 15000;  // how long a tray message stays (a hint: the desktop may decide)
}

AlertNotifier::AlertNotifier(QWidget* window, QObject* parent) : QObject(parent), m_window(window) {}

AlertNotifier::~AlertNotifier() = default;

bool AlertNotifier::windowInBackground() const {
    if (!m_window) return true;
    QWidget* top = m_window->window();
    return !top->isActiveWindow() || top->isMinimized() || !top->isVisible();
}

void AlertNotifier::notify(const QString& title, const QString& message, bool critical) {
    m_lastTitle = title;
    m_lastMessage = message;
    m_lastCritical = critical;
    m_lastMethod = Method::None;
    if (!AlertSettings::load().trayNotifications || !windowInBackground()) return;
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        ensureTray();
        m_tray->showMessage(title, message, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            kMessageMs);
        m_lastMethod = Method::Tray;
        ++m_trayCount;
        return;
    }
    if (m_window) QApplication::alert(m_window->window());  // the taskbar entry asks for attention
    m_lastMethod = Method::Attention;
    ++m_attentionCount;
}

void AlertNotifier::ensureTray() {
    if (m_tray) return;
    QIcon icon = m_window ? m_window->window()->windowIcon() : QIcon();
    if (icon.isNull()) icon = QApplication::windowIcon();
    if (icon.isNull()) icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_tray = new QSystemTrayIcon(icon, this);
    m_tray->setToolTip(tr("Prescient: restore alerts"));
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &AlertNotifier::raiseWindow);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) raiseWindow();
    });
    m_tray->show();
}

void AlertNotifier::raiseWindow() {
    if (m_window) {
        QWidget* top = m_window->window();
        if (top->isMinimized()) top->showNormal();
        top->raise();
        top->activateWindow();
    }
    emit activated();
}

}  // namespace prescient::ui

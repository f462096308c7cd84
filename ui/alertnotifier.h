// AlertNotifier: tells the user about a new alert when they are not looking at Prescient. When the window
// is in the background (not the active window, or minimized) and the desktop has a system tray, a tray
// message (warning or critical icon) is shown; without a tray the window's taskbar entry asks for attention
// (QApplication::alert). While the window is active nothing is shown: the Alerts tab's badge says it.
// Notifications can be switched off in the preferences (AlertSettings::trayNotifications, read at each
// notify()). Clicking the tray icon or its message brings the window back (and emits activated()).
//
// What it did is kept for tests and the status bar: lastMethod(), lastTitle(), counts.
// Thread safety: GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QSystemTrayIcon;
class QWidget;

namespace prescient::ui {

class AlertNotifier : public QObject {
    Q_OBJECT
public:
    enum class Method {
        None,       // nothing shown: window active, notifications off, or nothing notified yet
        Tray,       // a system tray message
        Attention,  // QApplication::alert on the window (no tray available)
    };

    // window: the main window whose state decides; may be destroyed before the notifier.
    explicit AlertNotifier(QWidget* window, QObject* parent = nullptr);
    ~AlertNotifier() override;

    // Announces one alert (title and message translated) as described above.
    void notify(const QString& title, const QString& message, bool critical);

    // What the last notify() did and with what.
    Method lastMethod() const { return m_lastMethod; }
    bool lastShown() const { return m_lastMethod != Method::None; }
    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }
    bool lastCritical() const { return m_lastCritical; }
    int trayCount() const { return m_trayCount; }            // tray messages shown
    int attentionCount() const { return m_attentionCount; }  // attention requests made
    // True when the window counts as in the background now.
    bool windowInBackground() const;

signals:
    void activated();  // the tray icon or its message was clicked; the window was raised

private:
    void ensureTray();
    void raiseWindow();

    QPointer<QWidget> m_window;
    QSystemTrayIcon* m_tray = nullptr;  // created on the first tray message
    Method m_lastMethod = Method::None;
    QString m_lastTitle, m_lastMessage;
    bool m_lastCritical = false;
    int m_trayCount = 0;
    int m_attentionCount = 0;
};

}  // namespace prescient::ui

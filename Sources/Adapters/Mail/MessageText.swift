import Application
import Foundation

/// The RFC 5322 text of a message, as both mailers deliver it: UTF-8 body, encoded subject,
/// CRLF line ends, and a `Date` and `Message-ID` so that relays and readers accept it.
enum MessageText {
    static func render(_ message: EmailMessage, from: String, date: Date, id: UUID) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        return [
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "From: \(from)",
            "To: \(message.to.value)",
            "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?=",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"),
            "",
        ].joined(separator: "\r\n")
    }

    /// `Sat, 21 Nov 2026 10:04:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        date.formatted(
            Date.VerbatimFormatStyle(
                format: """
                    \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \
                    \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\
                    \(second: .twoDigits) +0000
                    """,
                locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}

import Application
import Foundation

/// The RFC 5322 text of a message, as both mailers deliver it: UTF-8 body, encoded subject,
/// CRLF line ends, and a `Date` and `Message-ID` so that relays and readers accept it. With
/// attachments it is `multipart/mixed` (RFC 2046): the text, then each file in base64 with its
/// name (RFC 2231 for names outside ASCII).
enum MessageText {
    static func render(_ message: EmailMessage, from: String, date: Date, id: UUID) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let headers = [
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "From: \(from)",
            "To: \(message.to.value)",
            "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?=",
            "MIME-Version: 1.0",
        ]
        let text = [
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"),
        ]
        guard !message.attachments.isEmpty else { return (headers + text + [""]).joined(separator: "\r\n") }
        let boundary = "gestio-\(id.uuidString.lowercased())"
        var lines = headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
        for attachment in message.attachments {
            let ascii = asciiName(attachment.fileName)
            let encoded =
                attachment.fileName.addingPercentEncoding(withAllowedCharacters: rfc2231Allowed) ?? ascii
            lines += [
                "--\(boundary)",
                "Content-Type: \(attachment.mediaType); name=\"\(ascii)\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                "",
            ]
            lines += base64Lines(attachment.bytes)
        }
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// The name with what is not printable ASCII (and quotes, backslashes) replaced by `_`.
    static func asciiName(_ name: String) -> String {
        String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
    }

    static let rfc2231Allowed = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return lines
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

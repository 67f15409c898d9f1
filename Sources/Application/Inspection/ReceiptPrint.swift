import Domain
import Foundation

/// A payment's VAT receipt, in French: the centre with its VAT number, the receipt's number
/// (gapless per centre and year), the service, the price with its VAT share, how it was paid,
/// and what was refunded of it.
struct ReceiptPrint {
    let payment: Payment
    let number: ReceiptNumber
    let centre: Centre
    let appointment: Appointment
    let offer: InspectionOffer
    let plate: String?
    let refunds: [Refund]

    static func method(_ method: PaymentMethod) -> String {
        switch method {
        case .online: "paiement en ligne"
        case .cash: "espèces"
        case .cardTerminal: "carte bancaire (terminal)"
        }
    }

    /// The VAT included in `amount` at `basisPoints` (rounded to the cent).
    static func vat(in amount: Money, basisPoints: Int) -> Money {
        let rate = Int64(basisPoints)
        let share = (amount.minorUnits * rate + (10_000 + rate) / 2) / (10_000 + rate)
        return Money(minorUnits: share, currency: amount.currency)
    }

    static func rate(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100) %" : String(format: "%.2f %%", Double(basisPoints) / 100)
    }

    var document: PrintDocument {
        let vat = Self.vat(in: payment.amount, basisPoints: offer.vatRateBasisPoints)
        let net = Money(minorUnits: payment.amount.minorUnits - vat.minorUnits, currency: vat.currency)
        var subject = offer.name
        if let plate { subject += " — véhicule \(plate)" }
        let paidOn = payment.paidAt.map { CalendarDate(dayOf: $0, in: centre.timeZone).description } ?? ""
        var blocks: [PrintDocument.Block] = [
            .paragraph("\(centre.name), \(centre.address)"),
            .paragraph("Numéro de TVA : \(centre.vatNumber?.description ?? "")"),
            .heading("Reçu n° \(number)"),
            .paragraph("Payé le \(paidOn) — \(Self.method(payment.method))."),
            .table(
                PrintDocument.Table(
                    headers: ["Prestation", "HTVA", "TVA \(Self.rate(offer.vatRateBasisPoints))", "TVAC"],
                    rows: [[subject, net.description, vat.description, payment.amount.description]],
                    widths: [3, 1, 1, 1], rightAligned: [1, 2, 3])),
            .paragraph("Rendez-vous du \(CalendarDate(dayOf: appointment.start, in: centre.timeZone))."),
        ]
        if !refunds.isEmpty {
            blocks.append(.heading("Remboursements"))
            blocks.append(
                .table(
                    PrintDocument.Table(
                        headers: ["Date", "Motif", "Montant"],
                        rows: refunds.map {
                            [
                                CalendarDate(dayOf: $0.at, in: centre.timeZone).description, $0.reason,
                                $0.amount.description,
                            ]
                        }, widths: [1, 3, 1], rightAligned: [2])))
        }
        return PrintDocument(
            title: "Reçu", blocks: blocks, footer: "\(centre.name) — reçu \(number)")
    }
}

/// Why the inspection centre refused, beyond invalid values.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another centre has this public page name already.
    case slugTaken(String)
    /// The lane or the inspector of that slot was booked first.
    case slotTaken
    /// The organization has a vehicle with this plate already.
    case plateTaken(String)
    /// The booking has its inspection already.
    case alreadyInspected
    /// Another version of the checklist was written at the same time.
    case checklistVersionTaken
    /// The organization has not given its payment provider's keys.
    case paymentsNotConfigured
    /// The centre has no VAT number to print on receipts.
    case noVATNumber
    /// The booking is not waiting for an online payment (not held, or one already succeeded).
    case notAwaitingPayment
    /// A webhook call whose signature, age or content does not check; nothing changed.
    case webhookRejected(String)
    /// The payment provider refused or could not be reached.
    case providerFailed(String)
    /// A booking's link that is unknown, used already or past.
    case unknownLink

    public var description: String {
        switch self {
        case .slugTaken(let slug): "the public name \"\(slug)\" is another centre's"
        case .slotTaken: "this slot was just booked; choose another"
        case .plateTaken(let plate): "the vehicle \(plate) is recorded already"
        case .alreadyInspected: "this booking's inspection, or this inspection's correction, was started already"
        case .checklistVersionTaken: "another version of this checklist was just written; read it and try again"
        case .paymentsNotConfigured: "the organization has not set up its payment provider"
        case .noVATNumber: "the centre has no VAT number for its receipts; set it with its booking policy"
        case .notAwaitingPayment: "this booking is not waiting for an online payment"
        case .webhookRejected(let reason): "webhook refused: \(reason)"
        case .providerFailed(let reason): "the payment provider failed: \(reason)"
        case .unknownLink: "this link is unknown, was used already, or its booking has begun"
        }
    }
}

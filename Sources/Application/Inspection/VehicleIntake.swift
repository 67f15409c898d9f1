public import Domain

/// The documents module's reading of registration cards: a document of kind
/// `registration_card` gets its fields read like an invoice's, the card's printed code first.
public struct RegistrationCardExtractor: FieldExtractor {
    public init() {}

    public var kinds: Set<Document.Kind> { [.registrationCard] }
    public var readsCodes: Bool { true }

    public func extract(from text: RecognizedText) -> [ExtractedField] { extract(from: text, codes: []) }

    public func extract(from text: RecognizedText, codes: [String]) -> [ExtractedField] {
        RegistrationCardReader().read(text: text.text, confidence: text.confidence, codes: codes).map(\.extracted)
    }
}

/// A vehicle pre-filled from its registration card, not saved: the desk or the customer checks
/// it, the fields flagged first, and sends it to `POST /vehicles`.
public struct VehicleDraft: Sendable {
    /// Every field read, with its confidence and origin.
    public let readings: [CardReading]
    /// What the vehicle takes from them (nil where nothing was read).
    public let vehicle: VehicleInput
    /// The fields to check against the card: read with a low confidence, or required and not read.
    public let toCheck: [String]
    /// The page's confidence as the OCR engine gave it (1 for a PDF's text layer).
    public let textConfidence: Double

    init(readings: [CardReading], textConfidence: Double) {
        self.readings = readings
        self.textConfidence = textConfidence
        func value(_ field: CardField) -> String? { readings.first { $0.field == field }?.value }
        vehicle = VehicleInput(
            plate: value(.plate), vin: value(.vin), make: value(.make),
            model: value(.commercialName) ?? value(.type), category: value(.category), fuel: value(.fuel),
            firstRegistration: value(.firstRegistration))
        let missing = [CardField.plate, .category].filter { field in !readings.contains { $0.field == field } }
        toCheck = readings.filter(\.needsCheck).map(\.field.name) + missing.map(\.name)
    }
}

/// Registration-card intake: a photo or scan read at once, the vehicle pre-filled, nothing kept.
/// A reading costs seconds of OCR: each account may ask `limiter`'s number an hour.
public struct VehicleIntake: Sendable {
    let documents: DocumentsService?
    let limiter: RateLimiter?
    let clock: any WallClock

    /// Card reads an account may ask an hour, by default.
    public static let readsPerHour = 60

    public init(documents: DocumentsService?, limiter: RateLimiter?, clock: any WallClock) {
        self.documents = documents
        self.limiter = limiter
        self.clock = clock
    }

    /// What can be refused before the file is read: the caller's role, then their hourly reads
    /// (each request counts, read or refused).
    public func checkIntake(as principal: Principal) async throws {
        try AccessPolicy.require(.bookAppointments, by: principal)
        try await limiter?.attempt(principal.userID.description, at: clock.now())
    }

    /// Staff for anyone, a customer for their own car: the card read (its code preferred to its
    /// text) into a draft. The scan is let go once read: it holds the holder's name and address.
    public func draft(from upload: Upload, as principal: Principal) async throws -> VehicleDraft {
        try AccessPolicy.require(.bookAppointments, by: principal)
        guard let documents else { throw DocumentError.readerUnavailable }
        let reading = try await documents.readWithoutKeeping(upload, codes: true)
        let readings = RegistrationCardReader().read(
            text: reading.text.text, confidence: reading.text.confidence, codes: reading.codes)
        return VehicleDraft(readings: readings, textConfidence: reading.text.confidence)
    }
}

import Application
import Domain
import Hummingbird

/// `POST /vehicles/from-document`: a photo or scan of a registration card (multipart, the
/// `file` part) read at once into a vehicle's draft. Nothing is saved: the draft is checked by a
/// person and sent to `POST /vehicles`.
struct VehicleIntakeRoutes {
    let intake: VehicleIntake
    let documents: DocumentsService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("vehicles/from-document") { [intake, documents] request, context in
            try await intake.checkIntake(as: context.principal)
            let form = try await MultipartUpload.read(
                request, maxFileBytes: documents.limits.maxUploadBytes, staging: { try await documents.stage() })
            guard let upload = form.upload else { throw RequestError.missingField("file") }
            return VehicleDraftResponse(try await intake.draft(from: upload, as: context.principal))
        }
    }
}

struct VehicleDraftResponse: ResponseEncodable {
    struct Field: Encodable, Sendable {
        let code, name, value: String
        let confidence: Double
        /// `code` (the card's printed QR code) or `text` (OCR or the PDF's text).
        let readFrom: String
        let source: String
        let needsCheck: Bool
    }

    struct Draft: Encodable, Sendable {
        let plate, vin, make, model, category, fuel, firstRegistration: String?
    }

    let vehicle: Draft
    let fields: [Field]
    let toCheck: [String]
    let textConfidence: Double

    init(_ draft: VehicleDraft) {
        let input = draft.vehicle
        vehicle = Draft(
            plate: input.plate, vin: input.vin, make: input.make, model: input.model, category: input.category,
            fuel: input.fuel, firstRegistration: input.firstRegistration)
        fields = draft.readings.map {
            Field(
                code: $0.field.rawValue, name: $0.field.name, value: $0.value, confidence: $0.confidence,
                readFrom: $0.origin.rawValue, source: $0.source, needsCheck: $0.needsCheck)
        }
        toCheck = draft.toCheck
        textConfidence = draft.textConfidence
    }
}

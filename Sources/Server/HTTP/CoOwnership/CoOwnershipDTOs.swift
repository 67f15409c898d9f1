import Application
import Domain
import Foundation
import Hummingbird

struct BuildingRequest: Decodable {
    let name: String
    let address: String
    let city: String
    let postalCode: String
    let country: String?
    let totalTantiemes: Int
    let timeZone: String?
}

struct BuildingPatchRequest: Decodable {
    let name, address, city, postalCode, country: String?
    let totalTantiemes: Int?
    let workingFundIban, reserveFundIban: String?
    let timeZone: String?
}

struct LotRequest: Decodable {
    let number: String
    let type: String
    let floor: Int?
    let surface: Double?
    let tantiemes: Int
}

struct LotPatchRequest: Decodable {
    let number, type: String?
    let floor: Int?
    let surface: Double?
    let tantiemes: Int?
}

struct OwnerRequest: Decodable {
    let kind: String?
    let name: String?
    let email: String?
    let phone: String?
    let address: String?
    let userId: UUID?
}

struct OwnershipRequest: Decodable {
    let ownerId: UUID
    let share: String
    let startDate: String
    let endDate: String?
}

struct TransferRequest: Decodable {
    let fromOwnerId: UUID
    let toOwnerId: UUID
    let date: String
}

struct BuildingResponse: ResponseEncodable {
    let id: String
    let name: String
    let address: String
    let city: String
    let postalCode: String
    let country: String
    let totalTantiemes: Int
    let createdAt: Date
    let workingFundIban: String?
    let reserveFundIban: String?
    let timeZone: String

    init(_ building: Building) {
        timeZone = building.timeZone
        workingFundIban = building.workingFundAccount?.value
        reserveFundIban = building.reserveFundAccount?.value
        id = building.id.description
        name = building.name
        address = building.address
        city = building.city
        postalCode = building.postalCode
        country = building.country
        totalTantiemes = building.totalTantiemes
        createdAt = building.createdAt
    }
}

struct LotResponse: ResponseEncodable {
    let id: String
    let buildingId: String
    let number: String
    let type: String
    let floor: Int?
    let surface: Double?
    let tantiemes: Int

    init(_ lot: Lot) {
        id = lot.id.description
        buildingId = lot.buildingID.description
        number = lot.number
        type = lot.kind.rawValue
        floor = lot.floor
        surface = lot.surfaceHundredths.map { Double($0) / 100 }
        tantiemes = lot.tantiemes
    }
}

struct OwnerResponse: ResponseEncodable {
    let id: String
    let kind: String
    let name: String
    let email: String?
    let phone: String?
    let address: String?
    let userId: String?

    init(_ owner: Owner) {
        id = owner.id.description
        kind = owner.kind.rawValue
        name = owner.name
        email = owner.email?.value
        phone = owner.phone
        address = owner.address
        userId = owner.userID?.description
    }
}

struct OwnershipResponse: ResponseEncodable {
    let id: String
    let lotId: String
    let ownerId: String
    let share: String
    let startDate: String
    let endDate: String?
    let active: Bool

    init(_ ownership: Ownership) {
        id = ownership.id.description
        lotId = ownership.lotID.description
        ownerId = ownership.ownerID.description
        share = ownership.share.description
        startDate = ownership.startDate.description
        endDate = ownership.endDate?.description
        active = ownership.isOpen
    }
}

struct OwnershipListResponse: ResponseEncodable {
    let data: [OwnershipResponse]
}

struct ReadinessResponse: ResponseEncodable {
    struct IncompleteLot: Encodable {
        let number: String
        let share: String
    }

    let ready: Bool
    let lotTantiemes: Int
    let totalTantiemes: Int
    let incompleteLots: [IncompleteLot]
    let missing: [String]

    init(_ readiness: BillingReadiness) {
        ready = readiness.isReady
        lotTantiemes = readiness.lotTantiemes
        totalTantiemes = readiness.totalTantiemes
        incompleteLots = readiness.incompleteLots.map {
            IncompleteLot(number: $0.number, share: Share.decimal($0.shareMillionths))
        }
        missing = readiness.missing
    }
}

struct ImportResponse: ResponseEncodable {
    let lotsCreated: Int
    let ownersCreated: Int
    let ownersMatched: Int
    let ownershipsCreated: Int

    init(_ summary: ImportSummary) {
        lotsCreated = summary.lotsCreated
        ownersCreated = summary.ownersCreated
        ownersMatched = summary.ownersMatched
        ownershipsCreated = summary.ownershipsCreated
    }
}

/// Every role a member can hold. `superadmin` is the platform operator, `admin` the owner of an
/// organization; the rest are the business roles of Gestio's five backends.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case superadmin
    case admin
    // co-ownership management
    case syndic
    case accountant
    case boardMember = "board_member"
    case owner
    /// Lives in a lot without owning it (a tenant): the building's community, never its polls,
    /// governance or finance.
    case occupant
    case contractor
    // maintenance ERP
    case responsable
    case technicien
    case client
    // taxi dispatch
    case dispatcher
    case chauffeur
    // construction projects
    case maitreOuvrage = "maitre_ouvrage"
    case architecte
    case entrepriseGenerale = "entreprise_generale"
    case sousTraitant = "sous_traitant"
    /// Someone of another company invited onto one project of the organization (the usual
    /// subcontractor): they see the projects they are members of, and nothing else of it.
    case projectGuest = "project_guest"
    // vehicle inspection
    case inspector
    /// Reception staff of an inspection centre: book for anyone, check in, take payments.
    case desk
    case customer

    /// Parses a wire name such as `board_member`.
    public init(parsing raw: String, field: String = "role") throws {
        guard let role = Role(rawValue: raw) else {
            throw DomainError.invalidValue(
                field: field,
                reason:
                    "unknown role \"\(raw)\"; expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = role
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

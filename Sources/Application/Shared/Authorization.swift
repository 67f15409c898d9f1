public import Domain
import Foundation

/// Who is calling: the verified content of an access token.
public struct Principal: Sendable, Equatable {
    public let userID: UserID
    public let organizationID: OrganizationID
    public let roles: Set<Role>
    /// Signed in under an organization's 2FA policy without 2FA yet: may only set it up.
    public let mustSetUpTwoFactor: Bool
    /// The sign-in session the access token belongs to, when known.
    public let sessionID: TokenFamilyID?

    public init(
        userID: UserID, organizationID: OrganizationID, roles: Set<Role>, mustSetUpTwoFactor: Bool = false,
        sessionID: TokenFamilyID? = nil
    ) {
        self.userID = userID
        self.organizationID = organizationID
        self.roles = roles
        self.mustSetUpTwoFactor = mustSetUpTwoFactor
        self.sessionID = sessionID
    }
}

extension Principal {
    /// The operator at the `gestio` command line, acting in one organization. Whoever holds the
    /// database URL already has every right; the nil user id marks what the operator did.
    public static func `operator`(of organization: OrganizationID) -> Principal {
        Principal(
            userID: UserID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))), organizationID: organization,
            roles: [.superadmin])
    }
}

/// Everything a member may be allowed to do. New modules add their cases and rules here,
/// so the whole access policy reads in one file.
public enum Permission: String, Sendable, CaseIterable {
    case readMember = "read_member"
    case listMembers = "list_members"
    case changeMemberRoles = "change_member_roles"
    case inviteMembers = "invite_members"
    /// The organization's sign-in rules (which roles must use 2FA).
    case manageSecurityPolicy = "manage_security_policy"
    /// Execute members' erasure requests (GDPR Art. 17).
    case managePrivacyRequests = "manage_privacy_requests"
    case readCoOwnership = "read_co_ownership"
    case manageCoOwnership = "manage_co_ownership"
    case readLedger = "read_ledger"
    case manageLedger = "manage_ledger"
    /// An owner reading their own account (statement), through the user linked to their owner record.
    case readOwnAccount = "read_own_account"
    case readAuditLog = "read_audit_log"
    case readMaintenance = "read_maintenance"
    case manageMaintenance = "manage_maintenance"
    /// Open a request for an intervention (clients' requests start `ouverte`).
    case requestIntervention = "request_intervention"
    /// Start, pause, resume and close: technicians only on the jobs assigned to them.
    case workIntervention = "work_intervention"
    /// The taxi company's profile.
    case manageCompany = "manage_company"
    case readDispatch = "read_dispatch"
    /// Fleet, clients, rides and the planning.
    case manageDispatch = "manage_dispatch"
    /// A driver's own offers and rides.
    case drive
    /// Documents of the organization (a linked document also needs its entity to be visible).
    case readDocuments = "read_documents"
    /// Upload documents and their versions, delete them.
    case manageDocuments = "manage_documents"
    /// Read a building's assemblies, minutes and register: the syndic's staff and the board, and
    /// owners for the buildings where they hold a lot.
    case readGovernance = "read_governance"
    /// Create, convene and run general assemblies.
    case manageGovernance = "manage_governance"
    /// An owner casting their own vote from their account.
    case castVote = "cast_vote"
    /// Owners, the board and the syndic's staff asking for a point on an assembly's agenda.
    case proposeAgendaItem = "propose_agenda_item"
    /// The building's supplier invoices and the supplier directory.
    case readInvoices = "read_invoices"
    /// Draft, correct, submit and pay invoices; keep the supplier directory.
    case manageInvoices = "manage_invoices"
    /// Approve or reject an invoice as the syndic.
    case approveInvoices = "approve_invoices"
    /// Approve or reject an invoice as a member of the building's board (with a current mandate).
    case approveInvoicesForBoard = "approve_invoices_for_board"
    /// The legal file: états datés (with the seller's arrears) and the building's legal settings.
    case readLegalFile = "read_legal_file"
    /// Record, fill, generate and deliver états datés; set the building's legal settings.
    case manageLegalFile = "manage_legal_file"
    /// Take part in a building's community (notices, skills, objects, bookings): its residents
    /// (owners and occupants, checked against the building) and its managers.
    case useCommunity = "use_community"
    /// Act on every community feature of a building by role, without being a resident.
    case manageCommunity = "manage_community"
    /// Consult the owners of a building between assemblies.
    case createPolls = "create_polls"
    /// Act in the construction projects one is a member of, as the project role allows.
    case useProjects = "use_projects"
    /// Create construction projects (a project guest may not).
    case createProjects = "create_projects"
    /// Read a vehicle inspection centre's set-up: hours, lanes, services, schedules, free slots.
    case readCentres = "read_centres"
    /// Set up the organization's inspection centres.
    case manageCentres = "manage_centres"
    /// Book an inspection: desk staff for anyone, a customer for their own vehicles.
    case bookAppointments = "book_appointments"
    /// Run the centre's bookings: anyone's appointments and vehicles, check-in, no-shows,
    /// reassigning inspectors, waiving a late-cancellation fee.
    case manageAppointments = "manage_appointments"
    /// Work through a vehicle's inspection on the lane: the inspector the booking is assigned to.
    case inspectVehicles = "inspect_vehicles"
    /// Read bookings and vehicles: staff (inspectors for their lane plan) all of them, a customer their own.
    case readAppointments = "read_appointments"
    /// Talk to the centre's booking assistant with an account: customers (staff use the API itself).
    case useAssistant = "use_assistant"
    /// Act on every project of the organization with every project capability, without being a member.
    case manageAllProjects = "manage_all_projects"
}

public enum AccessPolicy {
    /// Roles that grant each permission inside the caller's organization.
    public static let rules: [Permission: Set<Role>] = [
        .readGovernance: [.admin, .superadmin, .syndic, .accountant, .boardMember, .owner],
        .manageGovernance: [.admin, .superadmin, .syndic],
        .castVote: [.owner],
        .proposeAgendaItem: [.admin, .superadmin, .syndic, .boardMember, .owner],
        .readInvoices: [.admin, .superadmin, .syndic, .accountant, .boardMember],
        .manageInvoices: [.admin, .superadmin, .syndic, .accountant],
        .approveInvoices: [.admin, .superadmin, .syndic],
        .approveInvoicesForBoard: [.boardMember],
        .readLegalFile: [.admin, .superadmin, .syndic, .accountant],
        .manageLegalFile: [.admin, .superadmin, .syndic],
        .useCommunity: [.admin, .superadmin, .syndic, .boardMember, .owner, .occupant],
        .manageCommunity: [.admin, .superadmin, .syndic],
        .createPolls: [.admin, .superadmin, .syndic, .boardMember],
        .useProjects: [
            .admin, .superadmin, .maitreOuvrage, .architecte, .entrepriseGenerale, .sousTraitant, .projectGuest,
        ],
        .createProjects: [.admin, .superadmin, .maitreOuvrage, .architecte, .entrepriseGenerale, .sousTraitant],
        .manageAllProjects: [.admin, .superadmin],
        // Customers read the centre's hours, services and free slots to book.
        .readCentres: [.admin, .superadmin, .desk, .inspector, .customer],
        .manageCentres: [.admin, .superadmin],
        .bookAppointments: [.admin, .superadmin, .desk, .customer],
        .manageAppointments: [.admin, .superadmin, .desk],
        .readAppointments: [.admin, .superadmin, .desk, .inspector, .customer],
        .inspectVehicles: [.admin, .superadmin, .inspector],
        .useAssistant: [.customer],
        // A project guest sees the project's members through the project, no one else.
        .readMember: Set(Role.allCases).subtracting([.projectGuest]),
        .listMembers: [.admin, .superadmin],
        .changeMemberRoles: [.admin, .superadmin],
        .inviteMembers: [.admin, .superadmin],
        .manageSecurityPolicy: [.admin, .superadmin],
        .managePrivacyRequests: [.admin, .superadmin],
        .readCoOwnership: [.admin, .superadmin, .syndic, .accountant, .boardMember],
        .manageCoOwnership: [.admin, .superadmin, .syndic],
        .readLedger: [.admin, .superadmin, .syndic, .accountant, .boardMember],
        .manageLedger: [.admin, .superadmin, .syndic, .accountant],
        .readOwnAccount: [.owner],
        .readAuditLog: [.admin, .superadmin],
        .readMaintenance: [.admin, .superadmin, .responsable, .technicien, .client, .dispatcher],
        .manageMaintenance: [.admin, .superadmin, .responsable],
        .requestIntervention: [.admin, .superadmin, .responsable, .client],
        .workIntervention: [.admin, .superadmin, .responsable, .technicien],
        .manageCompany: [.admin, .superadmin],
        .readDispatch: [.admin, .superadmin, .dispatcher],
        .manageDispatch: [.admin, .superadmin, .dispatcher],
        .drive: [.chauffeur],
        .readDocuments: [
            .admin, .superadmin, .syndic, .accountant, .boardMember, .responsable, .technicien, .dispatcher,
            .maitreOuvrage, .architecte, .entrepriseGenerale, .sousTraitant, .inspector,
        ],
        .manageDocuments: [
            .admin, .superadmin, .syndic, .accountant, .responsable, .technicien, .dispatcher, .maitreOuvrage,
            .architecte, .entrepriseGenerale, .sousTraitant, .inspector,
        ],
    ]

    public static func allows(_ principal: Principal, _ permission: Permission) -> Bool {
        !principal.roles.isDisjoint(with: rules[permission, default: []])
    }

    /// Throws `permissionDenied` unless one of the principal's roles grants the permission.
    public static func require(_ permission: Permission, by principal: Principal) throws {
        guard allows(principal, permission) else { throw ApplicationError.permissionDenied(permission) }
    }

    /// A resource of another organization does not exist as far as the caller can tell.
    public static func requireSameOrganization(
        _ organization: OrganizationID, as principal: Principal, entity: String, id: String
    ) throws {
        guard organization == principal.organizationID else {
            throw ApplicationError.notFound(entity: entity, id: id)
        }
    }
}

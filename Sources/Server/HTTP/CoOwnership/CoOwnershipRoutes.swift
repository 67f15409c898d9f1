import Application
import Domain
import Hummingbird

/// `/api/v1/buildings`, `/lots`, `/owners`: the structure of a co-ownership.
struct CoOwnershipRoutes {
    let service: CoOwnershipService

    func add(to group: RouterGroup<AuthenticatedContext>) {
        addBuildingRoutes(to: group)
        addLotRoutes(to: group)
        addOwnerRoutes(to: group)
    }

    private func addBuildingRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings") { request, context in
            let body = try await request.decodeJSON(BuildingRequest.self, context: context)
            let building = try await service.createBuilding(
                BuildingInput(
                    name: body.name, address: body.address, city: body.city, postalCode: body.postalCode,
                    country: body.country ?? "BE", totalTantiemes: body.totalTantiemes, timeZone: body.timeZone),
                as: context.principal)
            return EditedResponse(status: .created, response: BuildingResponse(building))
        }
        group.get("buildings") { request, context in
            ListResponse(
                try await service.buildings(page: try request.pageRequest(), as: context.principal),
                BuildingResponse.init)
        }
        group.get("buildings/{id}") { _, context in
            BuildingResponse(
                try await service.building(
                    try context.parameters.id(as: BuildingID.self, entity: "building"), as: context.principal))
        }
        group.patch("buildings/{id}") { request, context in
            let id = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(BuildingPatchRequest.self, context: context)
            let patch = BuildingPatch(
                name: body.name, address: body.address, city: body.city, postalCode: body.postalCode,
                country: body.country, totalTantiemes: body.totalTantiemes, workingFundIBAN: body.workingFundIban,
                reserveFundIBAN: body.reserveFundIban, timeZone: body.timeZone)
            return BuildingResponse(try await service.updateBuilding(id, patch, as: context.principal))
        }
        group.get("buildings/{id}/readiness") { _, context in
            let id = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ReadinessResponse(try await service.readiness(of: id, as: context.principal))
        }
        group.post("buildings/{id}/import") { request, context in
            let id = try context.parameters.id(as: BuildingID.self, entity: "building")
            let csv = try await request.text(context: context)
            return EditedResponse(
                status: .created,
                response: ImportResponse(try await service.importStructure(into: id, csv: csv, as: context.principal)))
        }
    }

    private func addLotRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("buildings/{id}/lots") { request, context in
            let id = try context.parameters.id(as: BuildingID.self, entity: "building")
            let body = try await request.decodeJSON(LotRequest.self, context: context)
            let lot = try await service.addLot(
                to: id,
                LotInput(
                    number: body.number, kind: body.type, floor: body.floor, surface: body.surface,
                    tantiemes: body.tantiemes),
                as: context.principal)
            return EditedResponse(status: .created, response: LotResponse(lot))
        }
        group.get("buildings/{id}/lots") { request, context in
            let id = try context.parameters.id(as: BuildingID.self, entity: "building")
            return ListResponse(
                try await service.lots(of: id, page: try request.pageRequest(), as: context.principal), LotResponse.init
            )
        }
        group.get("lots/{id}") { _, context in
            LotResponse(
                try await service.lot(try context.parameters.id(as: LotID.self, entity: "lot"), as: context.principal))
        }
        group.patch("lots/{id}") { request, context in
            let id = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(LotPatchRequest.self, context: context)
            let patch = LotPatch(
                number: body.number, kind: body.type, floor: body.floor, surface: body.surface,
                tantiemes: body.tantiemes)
            return LotResponse(try await service.updateLot(id, patch, as: context.principal))
        }
        group.post("lots/{id}/ownerships") { request, context in
            let id = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(OwnershipRequest.self, context: context)
            let ownership = try await service.addOwnership(
                to: id, owner: OwnerID(body.ownerId), share: body.share, startDate: body.startDate,
                endDate: body.endDate, as: context.principal)
            return EditedResponse(status: .created, response: OwnershipResponse(ownership))
        }
        group.get("lots/{id}/ownerships") { _, context in
            let id = try context.parameters.id(as: LotID.self, entity: "lot")
            return OwnershipListResponse(
                data: try await service.ownerships(of: id, as: context.principal).map(OwnershipResponse.init))
        }
        group.post("lots/{id}/transfers") { request, context in
            let id = try context.parameters.id(as: LotID.self, entity: "lot")
            let body = try await request.decodeJSON(TransferRequest.self, context: context)
            let history = try await service.transfer(
                lot: id, from: OwnerID(body.fromOwnerId), to: OwnerID(body.toOwnerId), on: body.date,
                as: context.principal)
            return EditedResponse(
                status: .created, response: OwnershipListResponse(data: history.map(OwnershipResponse.init)))
        }
    }

    private func addOwnerRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.post("owners") { request, context in
            let body = try await request.decodeJSON(OwnerRequest.self, context: context)
            guard body.name != nil else { throw RequestError.missingField("name") }
            let owner = try await service.createOwner(body.input, as: context.principal)
            return EditedResponse(status: .created, response: OwnerResponse(owner))
        }
        group.get("owners") { request, context in
            ListResponse(
                try await service.owners(page: try request.pageRequest(), as: context.principal), OwnerResponse.init)
        }
        group.get("owners/{id}") { _, context in
            OwnerResponse(
                try await service.owner(
                    try context.parameters.id(as: OwnerID.self, entity: "owner"), as: context.principal))
        }
        group.patch("owners/{id}") { request, context in
            let id = try context.parameters.id(as: OwnerID.self, entity: "owner")
            let body = try await request.decodeJSON(OwnerRequest.self, context: context)
            return OwnerResponse(try await service.updateOwner(id, body.input, as: context.principal))
        }
    }
}

extension OwnerRequest {
    var input: OwnerInput {
        OwnerInput(kind: kind, name: name, email: email, phone: phone, address: address, userID: userId)
    }
}

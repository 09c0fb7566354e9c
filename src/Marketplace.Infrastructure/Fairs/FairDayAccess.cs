using Marketplace.Infrastructure.Staff;

namespace Marketplace.Infrastructure.Fairs;

/// <summary>What a staff member may do with a fair day (PRODUCT.md: itinerant series).</summary>
public enum FairDayAccess
{
    /// <summary>Neither organizer nor host: the day answers 404.</summary>
    None,
    /// <summary>Staff of the municipality hosting the venue of another municipality's series: they see it.</summary>
    ReadOnly,
    /// <summary>Staff of the organizing municipality: they change it, wherever it is held.</summary>
    Manage,
}

public static class FairDayAccessRules
{
    public static FairDayAccess Of(StaffScope scope, int organizerMunicipalityId, int venueMunicipalityId) =>
        scope.Covers(organizerMunicipalityId) ? FairDayAccess.Manage
        : scope.Covers(venueMunicipalityId) ? FairDayAccess.ReadOnly
        : FairDayAccess.None;
}

using Marketplace.Domain.Regions;

namespace Marketplace.Domain.Staff;

/// <summary>Grants a staff user the right to act inside one municipality.</summary>
public class StaffMembership
{
    public required string UserId { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
}

namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the staff pages (assisted registration, "to tell by phone" list,
/// series applications) and of the producer's series and "my data" pages:
/// Resources/StaffResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// Every key exists in all three.
/// </summary>
public sealed class StaffResource;

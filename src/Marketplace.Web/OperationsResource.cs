namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the staff operations pages (check-in, broadcast, import and export,
/// reports) and of the administrator's municipalities, staff memberships and audit pages:
/// Resources/OperationsResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// Every key exists in all three.
/// </summary>
public sealed class OperationsResource;

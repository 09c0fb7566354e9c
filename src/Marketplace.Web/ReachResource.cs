namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the region brand (admin pages), the posters, the error summary and
/// the language notes: Resources/ReachResource.resx (Spanish, the default), .pt-BR.resx and
/// .en.resx. Every key exists in all three.
/// </summary>
public sealed class ReachResource;

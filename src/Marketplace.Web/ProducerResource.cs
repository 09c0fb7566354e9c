namespace Marketplace.Web;

/// <summary>
/// Marker for the strings of the producer's profile and certification pages and of the staff's
/// certification review: Resources/ProducerResource.resx (Spanish, the default), .pt-BR.resx and
/// .en.resx. Every key exists in all three.
/// </summary>
public sealed class ProducerResource;

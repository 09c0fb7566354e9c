using Marketplace.Infrastructure.Producers;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// Request limits of the pages that take a photo or a document. A file up to
/// <see cref="UploadInspector.MaxBytes"/> is accepted and one up to <see cref="MultipartBodyLength"/>
/// is read whole and answered with a field error. A larger one stops the form reader early, and
/// <see cref="UploadTooLargeAttribute"/> reads the rest of the body before answering, so that the
/// browser, still sending, sees the answer instead of a reset connection.
/// </summary>
public static class UploadLimits
{
    public const int MaxMegabytes = (int)(UploadInspector.MaxBytes / (1024 * 1024));

    /// <summary>One multipart section (the file): 6 MB.</summary>
    public const long MultipartBodyLength = 6 * 1024 * 1024;

    /// <summary>
    /// The whole request: big enough for a phone's full-size photo chosen by mistake, so that it
    /// still gets a message. Past it Kestrel refuses the request before the page sees it.
    /// </summary>
    public const long RequestBody = 32 * 1024 * 1024;
}

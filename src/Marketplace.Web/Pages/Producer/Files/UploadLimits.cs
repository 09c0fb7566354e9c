using Marketplace.Infrastructure.Producers;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// Request limits of the pages that take a photo or a document. A file up to
/// <see cref="UploadInspector.MaxBytes"/> is accepted; one a little larger is still read whole so
/// the form can answer with a field error; past these limits the form cannot be read at all and
/// <see cref="UploadTooLargeAttribute"/> answers instead.
/// </summary>
public static class UploadLimits
{
    public const int MaxMegabytes = (int)(UploadInspector.MaxBytes / (1024 * 1024));

    /// <summary>One multipart section (the file): 6 MB.</summary>
    public const long MultipartBodyLength = 6 * 1024 * 1024;

    /// <summary>The whole request: the file and the form's text fields.</summary>
    public const long RequestBody = MultipartBodyLength + 256 * 1024;
}

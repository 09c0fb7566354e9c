using Marketplace.Infrastructure.Producers;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>The field error for a refused upload, in the visitor's language.</summary>
public static class UploadMessages
{
    public static string For(IStringLocalizer text, UploadProblem problem, UploadPurpose purpose) => problem switch
    {
        UploadProblem.Empty => text["Upload.Empty"],
        UploadProblem.TooLarge => text["Upload.TooLarge", UploadLimits.MaxMegabytes],
        UploadProblem.WrongType when purpose == UploadPurpose.Photo => text["Upload.NotAPhoto"],
        UploadProblem.WrongType => text["Upload.NotADocument"],
        _ when purpose == UploadPurpose.Photo => text["Upload.PhotoUnreadable"],
        _ => text["Upload.DocumentUnreadable"],
    };
}

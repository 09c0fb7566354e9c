using Marketplace.Domain.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// Answers with a stored file under its stored name: images shown in the browser, PDFs
/// downloaded (Chrome refuses to show a PDF whose own response carries the site's
/// <c>object-src 'none'</c> policy). Its type is the one found from its content on upload, and
/// the site's nosniff header keeps browsers to it.
/// </summary>
public static class StoredFileResult
{
    /// <summary>Personal data: never kept by the browser or a shared computer's cache.</summary>
    public static FileContentResult Private(HttpResponse response, StoredFile file)
    {
        response.Headers.CacheControl = "private, no-store";
        return Send(response, file);
    }

    /// <summary>
    /// A public photo: caches may keep it but must ask again each time (a cheap 304 while it is
    /// unchanged), so a photo made private stops showing at once.
    /// </summary>
    public static FileContentResult Public(HttpResponse response, StoredFile file)
    {
        response.Headers.CacheControl = "public, no-cache";
        var result = Send(response, file);
        result.EntityTag = new EntityTagHeaderValue($"\"{file.Id:N}\"");
        return result;
    }

    private static FileContentResult Send(HttpResponse response, StoredFile file)
    {
        var disposition = file.ContentType.StartsWith("image/", StringComparison.Ordinal) ? "inline" : "attachment";
        response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue(disposition) { FileNameStar = file.FileName }.ToString();
        return new FileContentResult(file.Content, file.ContentType);
    }
}

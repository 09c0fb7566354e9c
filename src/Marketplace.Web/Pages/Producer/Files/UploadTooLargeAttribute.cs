using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// Turns a post whose form cannot be read — larger than the page's request limits, or cut off —
/// into a redirect back to the page, which then shows the upload field's error, instead of the
/// 400 (or 413) the antiforgery check would answer. Nothing of such a post is applied.
/// It reads the form after <see cref="RequestFormLimitsAttribute"/> (order 900) set the limits and
/// before the antiforgery check (order 1000) would.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class UploadTooLargeAttribute(string field) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    private const string TempDataKey = "UploadTooLarge";

    public int Order => 950;

    /// <summary>The field to show the error on, once, after the redirect.</summary>
    public static string? Take(ITempDataDictionary tempData) => tempData[TempDataKey] as string;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }
        try
        {
            await request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            http.RequestServices.GetRequiredService<ILogger<UploadTooLargeAttribute>>()
                .LogInformation("Upload to {Path} refused unread: {Reason}", request.Path, e.Message);
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData[TempDataKey] = field;
            tempData.Save();
            context.Result = new RedirectResult(request.PathBase + request.Path + request.QueryString);
        }
    }
}

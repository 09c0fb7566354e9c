using System.Buffers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Pages.ProducerArea.Files;

/// <summary>
/// Turns a post whose form cannot be read — a file past the page's multipart limit, or a body
/// past its request limit — into a redirect back to the page, which then shows the upload field's
/// error, instead of the 400 (or 413) the antiforgery check would answer. Nothing of such a post
/// is applied. It reads the form after <see cref="RequestFormLimitsAttribute"/> (order 900) set the
/// limits and before the antiforgery check (order 1000) would.
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
            return;
        }
        catch (InvalidDataException e)
        {
            Log(http, e);
            // The browser is still sending the file: read it to the end (within the request limit), or
            // the connection is reset under it and the person sees a network error instead of the message.
            await DrainAsync(request.Body, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Log(http, e);
        }
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[TempDataKey] = field;
        tempData.Save();
        context.Result = new RedirectResult(request.PathBase + request.Path + request.QueryString);
    }

    private static void Log(HttpContext http, Exception e) =>
        http.RequestServices.GetRequiredService<ILogger<UploadTooLargeAttribute>>()
            .LogInformation("Upload to {Path} refused unread: {Reason}", http.Request.Path, e.Message);

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (BadHttpRequestException)
        {
            // Past the request limit as well: the server closes the connection, nothing more to do.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

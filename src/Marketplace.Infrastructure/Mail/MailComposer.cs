using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Marketplace.Infrastructure.Mail;

/// <summary>A composed e-mail, ready to be written to the outbox.</summary>
public sealed record ComposedMail(string Subject, string Text, string Html);

/// <summary>
/// Builds plain-text and HTML bodies from the <c>MailText</c> resources in the recipient's
/// language. A template is three keys: <c>{name}.Subject</c>, <c>{name}.Body</c> (paragraphs
/// separated by blank lines, <c>{0}</c>… placeholders) and an optional <c>{name}.Action</c>
/// label for the link given as the last argument.
/// </summary>
public sealed class MailComposer
{
    // Keeps accented letters as they are (á, not &#225;): lighter, and readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ResourceManager Resources =
        new("Marketplace.Infrastructure.Mail.MailText", typeof(MailComposer).Assembly);

    public ComposedMail Compose(string template, string culture, MailBrand brandName, string? link, params object[] values)
    {
        var brand = brandName;
        var ci = CultureInfo.GetCultureInfo(culture);
        var subject = string.Format(ci, Get($"{template}.Subject", ci), [brand.Name, .. values]);
        var body = string.Format(ci, Get($"{template}.Body", ci), [brand.Name, .. values]);
        var action = link is null ? null : Get($"{template}.Action", ci);
        var footer = string.Format(ci, Get("Footer", ci), brand.Name);

        var text = new StringBuilder(body.Trim()).AppendLine().AppendLine();
        if (link is not null)
        {
            text.Append(action).Append(": ").AppendLine(link).AppendLine();
        }
        text.AppendLine("-- ").AppendLine(footer);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;color:#1a1a1a\">");
        // The colours were checked on input (#rrggbb); encoding them again costs nothing.
        html.Append("<h1 style=\"font-size:1.2em;margin:0 0 1em;padding:.5em .8em;background:").Append(Html.Encode(brand.Color))
            .Append(";color:").Append(Html.Encode(brand.TextColor)).Append("\">").Append(Html.Encode(brand.Name)).Append("</h1>");
        foreach (var paragraph in body.Trim().Split("\n\n"))
        {
            html.Append("<p>").Append(string.Join("<br>", paragraph.Trim().Split('\n').Select(line => Html.Encode(line.Trim())))).Append("</p>");
        }
        if (link is not null)
        {
            html.Append("<p><a href=\"").Append(Html.Encode(link)).Append("\">")
                .Append(Html.Encode(action ?? "")).Append("</a></p>");
        }
        html.Append("<hr><p style=\"font-size:.9em;color:#444\">").Append(Html.Encode(footer)).Append("</p></body></html>");
        return new ComposedMail(subject, text.ToString(), html.ToString());
    }

    /// <summary>One formatted MailText string in a language, for pieces that go into a template's values.</summary>
    public string Text(string key, string culture, params object[] values)
    {
        var ci = CultureInfo.GetCultureInfo(culture);
        return string.Format(ci, Get(key, ci), values);
    }

    private static string Get(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"Missing mail text '{key}'.");
}

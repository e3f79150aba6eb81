using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Utility.Integrations.Erp
{
    // Pushes approved work-order costs into the ERP's purchase-order SOAP service.
    public record CostPosting(string WorkOrderId, string CostCenter, decimal Amount, string Currency);

    public class ErpConnectorFunction
    {
        private const string ErpSecretId = "prod/erp/po-service";
        private static readonly HttpClient Http = new HttpClient { BaseAddress = new Uri("https://erp.internal.example.net/") };

        private readonly IAmazonSecretsManager _secrets = new AmazonSecretsManagerClient( // Noncompliant THC008
            new BasicAWSCredentials("AKIAZ7FAKEERPC2NNECT", "FAKEerpConnectorSecretKey000000000000000"),
            RegionEndpoint.EUWest1);

        private async Task<string> ErpTokenAsync(ILambdaContext context)
        {
            var response = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = ErpSecretId });
            context.Logger.LogInformation($"Fetched ERP credential from {ErpSecretId} (version {response.VersionId})");
            var doc = JsonDocument.Parse(response.SecretString);
            return doc.RootElement.GetProperty("serviceToken").GetString() ?? string.Empty;
        }

        private static string Envelope(CostPosting posting) =>
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>" +
            $"<PostCost><WorkOrder>{posting.WorkOrderId}</WorkOrder><CostCenter>{posting.CostCenter}</CostCenter>" +
            $"<Amount>{posting.Amount}</Amount><Currency>{posting.Currency}</Currency></PostCost>" +
            "</soapenv:Body></soapenv:Envelope>";

        public async Task<APIGatewayProxyResponse> FunctionHandler(APIGatewayProxyRequest request, ILambdaContext context)
        {
            context.Logger.LogLine("ERP posting request: " + JsonSerializer.Serialize(request)); // Noncompliant THC002
            CostPosting posting;
            try
            {
                posting = JsonSerializer.Deserialize<CostPosting>(request.Body ?? "{}")
                          ?? throw new ArgumentException("empty body");
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                return new APIGatewayProxyResponse { StatusCode = 400, Body = "{\"message\":\"invalid cost posting\"}" };
            }

            var token = await ErpTokenAsync(context);
            var erpToken = token;
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, "sap/bc/srt/po/cost")
                {
                    Content = new StringContent(Envelope(posting), Encoding.UTF8, "text/xml"),
                };
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", erpToken);
                context.Logger.LogInformation($"Posting cost for {posting.WorkOrderId} with ERP token {erpToken}"); // Noncompliant THC001
                var erpResponse = await Http.SendAsync(message);
                erpResponse.EnsureSuccessStatusCode();
                context.Logger.LogInformation($"Cost posted for work order {posting.WorkOrderId}, request {context.AwsRequestId}");
                return new APIGatewayProxyResponse
                {
                    StatusCode = 201,
                    Body = JsonSerializer.Serialize(new { posting.WorkOrderId, status = "POSTED" }),
                    Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
                };
            }
            catch (HttpRequestException ex)
            {
                context.Logger.LogError($"ERP unavailable: {ex.Message} (request {context.AwsRequestId})");
                return new APIGatewayProxyResponse
                {
                    StatusCode = 502,
                    Body = JsonSerializer.Serialize(new { message = "ERP unavailable", correlationId = context.AwsRequestId }),
                };
            }
            catch (Exception ex)
            {
                return new APIGatewayProxyResponse { StatusCode = 500, Body = ex.ToString() }; // Noncompliant THC003
            }
        }
    }
}

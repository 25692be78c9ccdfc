// FastAPI docs_src/path_params/tutorial005: an enum path parameter (a TypeScript enum, validated by v.enum).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

enum ModelName {
  alexnet = 'alexnet',
  resnet = 'resnet',
  lenet = 'lenet',
}

const getModel = route.get(
  '/models/:model_name',
  { params: v.object({ model_name: v.enum(ModelName) }) },
  ({ params }) => {
    const { model_name } = params
    if (model_name === ModelName.alexnet) return { model_name, message: 'Deep Learning FTW!' }
    if (model_name === ModelName.lenet) return { model_name, message: 'LeCNN all the images' }
    return { model_name, message: 'Have some residuals' }
  },
)

export const app = createApp({ routes: [getModel] })
